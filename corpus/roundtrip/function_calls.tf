# Function calls: no args, nested, ... expansion, trailing comma, multi-line.
locals {
  list = ["a", "b"]

  no_args    = timestamp()
  one_arg    = upper("x")
  nested     = upper(lower(trimspace(" X ")))
  expand     = max([1, 5, 3]...)
  expand2    = concat(["z"], local.list...)
  trailing   = format("%s-%s", "a", "b",)
  spaced     = upper ( "x" )
  namespaced = try(local.missing, "fallback")

  multi_line = format(
    "%s/%s",
    "first",
    lower("SECOND"),
  )

  multi_line_expand = coalesce(
    local.list...
  )

  args_on_first_line = merge({ a = 1 },
    { b = 2 })
}
