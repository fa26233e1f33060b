# Blank lines (some containing spaces) and trailing whitespace on lines.   


resource "null_resource" "a" {   
    
  triggers = {  
  
    a = 1   
  }	

}  
   
	
locals {
  x = "trailing spaces follow"    
}
    