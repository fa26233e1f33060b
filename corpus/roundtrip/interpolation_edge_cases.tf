# Interpolation corner cases: braces and quotes inside, adjacency, spacing.
locals {
  a = "x"
  b = ["p", "q"]

  adjacent      = "${local.a}${local.a}"
  only_interp   = "${local.a}"
  spaced        = "${   local.a   }"
  object_inside = "${{a = 1}.a}"
  brace_string  = "${"}"}"
  quote_string  = "${"\""}"
  for_inside    = "${join(",", [for s in local.b : "<${s}>"])}"
  directive_in  = "${"%{if true}y%{endif}"}"
  cond_inside   = "${local.a == "x" ? "}" : "{"}"
  multi_line = "${
    local.a
  }"
  heredoc_inside = "${<<EOT
in heredoc
EOT
  }"
}
