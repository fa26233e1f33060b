# Number literals: integers, decimals, exponents of every shape.
locals {
  zero       = 0
  int        = 42
  big        = 123456789012345678901234567890
  decimal    = 3.14159
  leading0   = 007
  exp_lower  = 1e10
  exp_upper  = 1E10
  exp_plus   = 1e+10
  exp_minus  = 1.5e-3
  exp_upperm = 2.5E-7
  negative   = -1
  neg_float  = -0.5
  neg_exp    = -6.02e23
  in_tuple   = [1, 2.0, 3e3, -4]
  arithmetic = 1.5e-3 * 2 + 10
}
