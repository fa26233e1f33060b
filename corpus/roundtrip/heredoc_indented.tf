# Indented heredocs (<<-): common leading whitespace is trimmed.
locals {
  script = <<-EOF
    #!/bin/bash
    echo "hi"
      nested indent
    EOF

  ragged = <<-EOT
      deeper
    shallower
  EOT

  in_list = [
    <<-A
      first
    A
    ,
    "second",
  ]
}
