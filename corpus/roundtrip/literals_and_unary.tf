# Literal values and unary operators applied to them.
locals {
  t               = true
  f               = false
  n               = null
  minus           = -1
  not             = !true
  not_not         = !!false
  double          = --1
  small           = 1.5e-3
  neg_exp         = -1.5e-3
  negparen        = -(1 + 2)
  notparen        = !(1 > 2)
  neg_call        = -abs(-5)
  neg_ref         = -local.minus
  not_ref         = !local.t
  minus_traversal = -local.nums[0]
  nums            = [-1, -2.5, -0 == 0 ? 1 : 0]
}
