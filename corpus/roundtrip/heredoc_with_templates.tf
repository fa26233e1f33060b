# Heredocs containing interpolations and directives.
locals {
  names = ["a", "b"]
  user_data = <<-EOT
    #!/bin/sh
    echo ${upper(local.names[0])}
    %{ for n in local.names ~}
    host ${n}
    %{ endfor ~}
    %{ if length(local.names) > 1 }many%{ else }few%{ endif }
    nested: ${ "in ${"heredoc"}" }
  EOT
  plain_marker = <<EOF
${local.names[1]}
EOF
}
