# for expressions producing tuples: with index, with if, nested, multi-line.
locals {
  list = ["a", "b", "c"]
  map  = { x = 1, y = 2 }

  upper      = [for s in local.list : upper(s)]
  with_index = [for i, s in local.list : "${i}:${s}"]
  filtered   = [for s in local.list : s if s != "b"]
  over_map   = [for k, v in local.map : v * 2]
  nested     = [for a in local.list : [for b in local.list : "${a}${b}"]]
  tight      = [for s in local.list:s]

  multi_line = [
    for s in local.list :
    "item-${s}"
    if length(s) > 0
  ]

  splat_source = [for o in [{ n = 1 }, { n = 2 }] : o.n]
}
