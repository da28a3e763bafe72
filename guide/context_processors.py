from guide.content import FUNDING_STATEMENT


def branding(request):
    # The funding statement is fixed by the grant agreement, so it comes from the guide's content module
    # rather than a query on every page.
    return {"FUNDING_STATEMENT": FUNDING_STATEMENT}
