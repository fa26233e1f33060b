# All unary and binary operators, mixed to exercise precedence.
locals {
  a = 1
  b = 2
  t = true

  neg      = -local.a
  not      = !local.t
  double   = !!local.t
  neg_neg  = - -local.a
  mul      = local.a * local.b
  div      = local.a / local.b
  mod      = local.a % local.b
  add      = local.a + local.b
  sub      = local.a - local.b
  lt       = local.a < local.b
  le       = local.a <= local.b
  gt       = local.a > local.b
  ge       = local.a >= local.b
  eq       = local.a == local.b
  ne       = local.a != local.b
  and      = local.t && false
  or       = local.t || false
  prec1    = 1 + 2 * 3 - 4 / 2 % 3
  prec2    = 1 < 2 == true && !false || 3 >= 4
  prec3    = -1 * -2 + !true == false ? 1 : 0
  no_space = 1+2*3-4/5%6
  literals = !true || -1 < 1.5e-3
}
