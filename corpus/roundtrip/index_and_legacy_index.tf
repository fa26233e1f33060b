# Index operators x[0] and the legacy numeric attribute form x.0.id.
# Note: x.0.1 is rejected by Terraform (it scans "0.1" as one number),
# but x.0[0], x[0].0 and x.0.a.0 are accepted.
locals {
  list = [[{ id = "a" }], [{ id = "b" }]]
  map  = { key = ["v"] }

  bracket        = local.list[0]
  bracket_twice  = local.list[1][0].id
  legacy         = local.list.0
  legacy_attr    = local.list.0[0].id
  bracket_legacy = local.list[1].0
  legacy_between = local.map.key.0
  string_index   = local.map["key"]
  expr_index     = local.list[length(local.list) - 1]
  mixed          = local.map.key[0]
  spaced_index   = local.list [ 0 ]
  spaced_legacy  = local.list . 0
  resource_index = aws_instance.web[0].id
  foreach_index  = aws_instance.by_name["web"].id
  splat_legacy   = local.list[*].0
}
