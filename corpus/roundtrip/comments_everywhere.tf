# Comments of all three kinds wherever whitespace may appear.
// A leading double-slash comment.
/* A leading block comment. */

/*
 * A multi-line block comment
 * spanning several lines.
 */
resource /* between type keyword and label */ "null_resource" /* between labels */ "x" /* before brace */ { # after brace
  # comment line inside a block
  triggers = { // after an object opening brace
    a = 1 # end of line
    /* before a key */ b = 2
    c /* between key and equals */ = /* between equals and value */ 3
    // before closing brace
  }

  list = [ # after bracket
    1, # after element
    /* inline */ 2,
    // own line
    3
    /* before closing bracket */
  ]

  call = max( # after paren
    1, /* between args */ 2,
    // own line
    3 # last arg
  )

  sum = 1 /* between operands */ + /* after operator */ 2
  expr = (
    # inside parentheses
    true ? /* then */ "y" : /* else */ "n"
  )
  attr = local.a/* before dot */./* after dot */b
  /* before closing block brace */
} // after closing brace

locals { /* right after opening brace */
  x = 1 /* multi-line block
  comment at end of line */
}
# final comment without blank line
