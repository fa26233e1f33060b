# One-off imports for the AWS provider v4 S3 split (written by tffix, AWSV4).
#
# Provider v4 moved these bucket settings out of aws_s3_bucket into resources
# of their own. Creating them applies the same settings, so importing is
# optional: it keeps `terraform plan` free of creations where the buckets exist.
#
# This directory is not a root module, where import blocks are not allowed:
# in each existing environment of a root module that calls it, run the
# commands below once (module.<CALL> is the call's address there, as
# `terraform state list` shows it), then delete this file. Nothing here runs
# on its own; a new environment needs none of it.
#
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor
# https://developer.hashicorp.com/terraform/language/import

# module.<CALL>.aws_s3_bucket_logging.lookup: terraform import 'module.<CALL>.aws_s3_bucket_logging.lookup' 'lookup' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called)
# module.<CALL>.aws_s3_bucket_logging.conditional: terraform import 'module.<CALL>.aws_s3_bucket_logging.conditional' 'conditional' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called)
# module.<CALL>.aws_s3_bucket_logging.try: terraform import 'module.<CALL>.aws_s3_bucket_logging.try' 'try' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called)
# module.<CALL>.aws_s3_bucket_logging.variable: terraform import 'module.<CALL>.aws_s3_bucket_logging.variable' 'variable' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called)
# module.<CALL>.aws_s3_bucket_logging.local: terraform import 'module.<CALL>.aws_s3_bucket_logging.local' 'local' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called)
# module.<CALL>.aws_s3_bucket_logging.dynamic[0]: terraform import 'module.<CALL>.aws_s3_bucket_logging.dynamic[0]' 'dynamic' (module.<CALL>: the module call's address in the root module; no import block: import blocks are valid only in a root module, and this directory configures no provider and no backend: a module made to be called; aws_s3_bucket_logging.dynamic exists only where `var.on` holds (a dynamic block): run it only in the environments where it does)
