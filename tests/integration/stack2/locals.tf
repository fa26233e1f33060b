locals {
  name = "${var.org}-${var.app}"
  tags = merge(var.extra_tags, {
    Application = var.app
    Owner       = var.org
  })

  github_owner = split("/", var.repository)[0]
  github_repo  = split("/", var.repository)[1]

  # Every function, with what it needs from the rest of the stack.
  functions = {
    intake = {
      memory  = 256
      timeout = 10
      table   = aws_dynamodb_table.customers.name
    }
    dispatch = {
      memory  = 512
      timeout = 30
      table   = aws_dynamodb_table.shipments.name
    }
    notify = {
      memory = 128
      timeout = 5
      table  = aws_dynamodb_table.shipments.name
    }
  }

  public_routes = {
    "POST /customers" = { path = "customers", method = "POST", handler = "intake" }
    "POST /shipments" = { path = "shipments", method = "POST", handler = "dispatch" }
  }
  admin_routes = {
    "GET /events" = { path = "events", method = "GET", handler = "notify" }
  }
  routes = merge(local.public_routes, local.admin_routes)

  shipment_indexes = {
    by-customer = "customer_id"
    by-status   = "status"
  }
}
