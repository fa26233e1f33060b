# for expressions producing objects: key => value, if, grouping with ....
locals {
  list = ["apple", "avocado", "banana"]
  map  = { x = 1, y = 2 }

  simple   = { for s in local.list : s => length(s) }
  keyed    = { for k, v in local.map : upper(k) => v }
  filtered = { for k, v in local.map : k => v if v > 1 }
  grouped  = { for s in local.list : substr(s, 0, 1) => s... }
  grouped_if = { for s in local.list : substr(s, 0, 1) => s... if s != "banana" }
  spaced   = { for s in local.list : s => s ... }

  multi_line = {
    for k, v in local.map :
    k => {
      value = v
    }
    if v != 0
  }
}
