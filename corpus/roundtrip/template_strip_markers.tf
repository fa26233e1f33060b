# Whitespace strip markers (~) on interpolations and directives.
locals {
  list = ["a", "b"]
  left   = "x   ${~ "y" }"
  right  = "${ "y" ~}   x"
  both   = "  ${~"y"~}  "
  direct = <<-EOT
    %{~ for v in local.list ~}
      ${v}
    %{~ endfor ~}
    %{ if true ~}
      kept
    %{~ else ~}
      dropped
    %{~ endif }
  EOT
}
