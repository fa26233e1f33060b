# Templates nested ten deep: terraform fmt unwraps one level per run.
locals {
  a = "${"${"${"${"${"${"${"${"${"${x}"}"}"}"}"}"}"}"}"}"
  b = "${"${"p${x}"}"}"
}
