"""Changes to Admin and Kabapas accounts that wait for a second person (aturan: which;
models: the request and the notice; services: ask and decide; views: the approver's page).
"""
