# production
env    = "prod"
extra  = true
cidrs  = ["10.0.0.0/16", # first
  "10.1.0.0/16"]
tags = {
  team = "platform"
}
