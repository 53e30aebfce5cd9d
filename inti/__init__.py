"""inti: the cross-cutting helpers every app uses and that know no domain.

Constraint evaluation and reporting (`kendala`), export writers (`ekspor`), pagination
(`paginasi`), masking of personal data in text (`samaran`) and the demo-data runner
(`demo`). Nothing here imports an app of the project: `inti` is the bottom layer of the
import-linter contract in pyproject.toml.
"""
