"""``kontora contracts verify FILE``: check a signed PDF from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from plugins.contracts.signing.pades import verify_pdf

contracts_group = AppGroup("contracts", help="Contracts: verify signed PDFs.")


@contracts_group.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify_command(file: Path) -> None:
    """Verify every signature of FILE; exit 1 when one fails or there is none."""
    report = verify_pdf(file.read_bytes())
    if report.error:
        click.echo(f"INVALID: {report.error}")
    for sig in report.signatures:
        state = "OK" if sig.ok else "INVALID"
        click.echo(f"{state} {sig.field}: intact={sig.intact} valid={sig.valid} "
                   f"unchanged={sig.unchanged} trusted={sig.trusted} "
                   f"coverage={sig.coverage} modifications={sig.modification}")
        click.echo(f"  signer: {sig.signer}; name: {sig.signer_name or '-'}; "
                   f"reason: {sig.reason or '-'}; time: {sig.signed_at or '-'}")
    click.echo("VALID" if report.ok else "NOT VALID")
    sys.exit(0 if report.ok else 1)
