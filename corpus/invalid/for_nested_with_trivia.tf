# `for` heads with no name, nested and surrounded by comments and spaces.
locals {
  a = [
    {
      for /* x */ # y
      /* z */
    },
    [for                              ],
  ]
}
