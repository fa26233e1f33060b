# Only comments, no body items.
// double slash
/* block */

/*
multi
line
*/
# last
