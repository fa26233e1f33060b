# Heredoc end markers followed by trailing spaces or tabs (and indented end markers).
locals {
  a = <<EOF
text
EOF   
  b = <<-EOT
    indented
    EOT  
  c = <<EOF
tab follows the marker
EOF	
  d = <<-EOT
    mixed trailing whitespace
  EOT 	 
}
