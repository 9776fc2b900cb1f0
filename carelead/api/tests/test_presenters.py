from carelead.api.presenters import api_endpoints


def test_endpoint_rows_come_from_the_openapi_document_and_mark_public_ones():
    rows = {(r.method, r.path): r for r in api_endpoints()}
    assert rows[("GET", "/api/v1/health")].public
    organisations = rows[("GET", "/api/v1/organisations/")]
    assert not organisations.public
    assert {"kind", "region", "icb", "open", "page"} <= set(organisations.parameters)
    assert ("GET", "/api/v1/employments/") in rows
