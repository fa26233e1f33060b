# A single-line block may not contain a nested block.
resource "null_resource" "a" { lifecycle {} }
