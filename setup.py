"""Build script for tvec's compiled modules (everything else is in pyproject.toml):
tvec.banks._kernel (bank matching), tvec.model._features (the linear model's feature hashing) and
tvec._text (the normaliser's squeeze step).

The extensions are optional: where no C compiler is available the install still succeeds and
tvec falls back to the Python/numpy reference implementations (same results, slower; see
docs/bank-performance.md and docs/classifier-performance.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "tvec.banks._kernel",
            ["src/tvec/banks/_kernel.c"],
            extra_compile_args=["-O3", "-std=c11", "-Wall", "-Wno-unused-function"],
            include_dirs=["src/tvec"],
            depends=["src/tvec/_xxh64.h"],
            optional=True,
        ),
        Extension(
            "tvec._text",
            ["src/tvec/_text.c"],
            extra_compile_args=["-O3", "-std=c11", "-Wall"],
            optional=True,
        ),
        Extension(
            "tvec.model._features",
            ["src/tvec/model/_features.c"],
            # no fused multiply-add: the scores must round exactly as numpy's separate operations
            extra_compile_args=["-O3", "-std=c11", "-Wall", "-ffp-contract=off"],
            include_dirs=["src/tvec"],
            depends=["src/tvec/_xxh64.h"],
            optional=True,
        ),
    ]
)
