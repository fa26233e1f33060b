resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2

  logging {
    enable        = true
    bucket_name   = "acme-redshift-logs"
    s3_key_prefix = "warehouse/"
  }
}

resource "aws_redshift_cluster" "private" {
  cluster_identifier     = "private"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  publicly_accessible    = false
  encrypted              = true
}
