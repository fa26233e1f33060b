# "=" between the block labels and the opening brace.
resource "null_resource" "a" = {
  count = 1
}
