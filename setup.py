"""Build script for the one compiled module, tvec.banks._kernel (everything else is in pyproject.toml).

The extension is optional: where no C compiler is available the install still succeeds and the
banks fall back to the numpy reference implementation (same results, slower; see
docs/bank-performance.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "tvec.banks._kernel",
            ["src/tvec/banks/_kernel.c"],
            extra_compile_args=["-O3", "-std=c11", "-Wall", "-Wno-unused-function"],
            optional=True,
        )
    ]
)
