variable "queue_prefix" {
  type    = string
  default = "jobs"
}

variable "high_memory" {
  type    = bool
  default = false
}

locals {
  queues = toset(["ingest", "report"])

  # Keys are literal; the values refer to resources, known only after apply.
  workers = {
    ingest_worker = { queue = "ingest", role = aws_iam_role.worker.arn, memory = 512 }
    report_worker = { queue = "report", role = aws_iam_role.worker.arn, memory = 256 }
  }

  sized = var.high_memory ? { for k, v in local.workers : k => merge(v, { memory = 2048 }) } : local.workers
}

resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = "{}"
}

resource "aws_sqs_queue" "q" {
  for_each = local.queues
  name     = "${var.queue_prefix}-${each.key}"
}

resource "aws_lambda_function" "worker" {
  for_each      = local.sized
  function_name = each.key
  role          = each.value.role
  memory_size   = each.value.memory
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}

resource "aws_lambda_event_source_mapping" "worker" {
  for_each         = local.workers
  event_source_arn = aws_sqs_queue.q[each.value.queue].arn
  function_name    = aws_lambda_function.worker[each.key].arn
}
