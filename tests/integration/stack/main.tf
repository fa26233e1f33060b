locals {
  common_tags = {
    Project   = var.project_name
    ManagedBy = "terraform"
  }

  # One Lambda function per service.
  lambda_services = {
    users = {
      memory_size = 256
      timeout     = 10
    }
    orders = {
      memory_size = 512
      timeout = 30
    }
    notifications = {
      memory_size = 256
      timeout     = 15
    }
  }

  # Public endpoints of the REST API and the service that handles each.
  api_endpoints = {
    get_profile = {
      path_part   = "profile"
      http_method = "GET"
      service     = "users"
    }
    create_order = {
      path_part   = "checkout"
      http_method = "POST"
      service     = "orders"
    }
    list_orders = {
      path_part   = "history"
      http_method = "GET"
      service     = "orders"
    }
    list_inbox = {
      path_part   = "inbox"
      http_method = "GET"
      service     = "notifications"
    }
  }
}
