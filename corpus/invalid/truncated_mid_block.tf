# File cut off in the middle of a block.
resource "null_resource" "a" {
  triggers = {
    a = 1
  }
  count =