"""The package's public names: `Extractor` and `extract` load spaCy only when asked for, and
`extract` stays the function even after the `claimledger.extract` submodule is imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_public_api_resolves_lazily_and_extract_stays_the_function():
    script = textwrap.dedent(
        """
        import sys, types
        import claimledger
        assert "spacy" not in sys.modules, "import claimledger loaded spaCy"
        from claimledger import DocumentInput, Extraction, PIPELINE_VERSION  # light names
        import claimledger.extract  # binds the submodule name on the package
        from claimledger import Extractor, extract
        assert isinstance(Extractor, type), Extractor
        assert callable(extract) and not isinstance(extract, types.ModuleType), extract
        assert claimledger.extract is extract
        assert "spacy" in sys.modules
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
