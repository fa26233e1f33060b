# Attribute splat (.*) and full splat ([*]) with following traversals.
locals {
  objs = [{ id = 1, tags = { n = "a" } }, { id = 2, tags = { n = "b" } }]

  attr_splat     = local.objs.*.id
  full_splat     = local.objs[*].id
  full_nested    = local.objs[*].tags.n
  attr_nested    = local.objs.*.tags.n
  full_then_idx  = local.objs[*].id
  bare_full      = local.objs[*]
  bare_attr      = local.objs.*
  on_single      = local.objs[0][*]
  in_call        = length(local.objs[*].id)
  resource_style = aws_instance.web[*].private_ip
  spaced         = local.objs [ * ] . id
}
