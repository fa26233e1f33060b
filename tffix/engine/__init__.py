"""The codemod engine: the contract codemods implement, and the runner that applies them."""
