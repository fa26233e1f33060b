"""``tffix bulk``: the same fixes across many repositories, as branches and pull requests.

``repos`` reads the repository list and decides where each clone lives,
``git`` runs git on untrusted clones with everything a repository could
use to run code turned off, ``campaign`` takes one repository from clone to
pull request and many in parallel, ``state`` keeps the per-repository
report that lets a re-run skip what is already done, and ``github`` talks
to GitHub's REST API.
"""
