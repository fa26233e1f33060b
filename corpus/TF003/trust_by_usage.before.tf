resource "aws_iam_role" "batch" {
  name               = "${var.project}-batch-service"
  assume_role_policy = data.aws_iam_policy_document.batch_trust.json
}

resource "aws_iam_role" "orchestrator" {
  name               = "${var.project}-orchestrator"
  assume_role_policy = data.aws_iam_policy_document.states_trust.json
}

resource "aws_iam_role" "worker" {
  name               = "${var.project}-worker"
  assume_role_policy = data.aws_iam_policy_document.worker_trust.json
}

resource "aws_iam_role" "task" {
  name               = "${var.project}-task"
  assume_role_policy = data.aws_iam_policy_document.app.json
}

resource "aws_sfn_state_machine" "flow" {
  name       = "${var.project}-flow"
  role_arn   = aws_iam_role.orchestrator.arn
  definition = "{}"
}

resource "aws_lambda_function" "worker" {
  function_name = "${var.project}-worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}

resource "aws_ecs_task_definition" "app" {
  family                = "${var.project}-app"
  container_definitions = "[]"
  task_role_arn         = aws_iam_role.task.arn
  execution_role_arn    = aws_iam_role.task.arn
}

variable "project" {
  type = string
}
