#ifndef TEMPCTL_CLEASTSQUARES_H
#define TEMPCTL_CLEASTSQUARES_H
#include <stddef.h>

/// The minimum-norm least-squares solution of X·beta ≈ y by GSL's truncated SVD
/// (gsl_multifit_linear_tsvd): X is n × p, row-major; singular values below tolerance·σ_max are
/// dropped. Writes beta (p values) and the effective rank; returns GSL's status (0 on success,
/// GSL_ENOMEM when an allocation fails). The caller switches GSL's error handler off first.
///
/// Why a C file: gsl_multifit.h includes gsl_cblas.h, whose declarations clash with OpenBLAS's
/// cblas.h when both are Clang modules imported into one Swift module (Numerics). This header
/// exposes plain arrays only, so Numerics imports it beside CBLAS.
int tempctl_least_squares_tsvd(const double *x, size_t n, size_t p, const double *y,
                               double tolerance, double *beta, size_t *rank);

/// GSL's message for a status code (gsl_strerror).
const char *tempctl_gsl_strerror(int status);

#endif
