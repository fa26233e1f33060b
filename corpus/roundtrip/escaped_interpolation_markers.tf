# Escaped template markers: $${ and %%{ produce literal ${ and %{.
locals {
  literal_interp    = "$${not_interpolated}"
  literal_directive = "%%{ if x }no%%{ endif }"
  mixed             = "$${a} ${local.b} %%{c}"
  dollar_alone      = "$ and $$ and %%"
  double_escape     = "$$${local.b}"
  ends_with_dollar  = "cost$"
  ends_with_percent = "100%"
  only_escape       = "$${"
  percent_escape    = "%%{"
  heredoc = <<EOT
$${literal} and %%{literal}
real: ${local.b}
EOT
}
