#include "CLeastSquares.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

int tempctl_least_squares_tsvd(const double *x, size_t n, size_t p, const double *y,
                               double tolerance, double *beta, size_t *rank) {
  gsl_matrix *X = gsl_matrix_alloc(n, p);
  gsl_vector *Y = gsl_vector_alloc(n), *B = gsl_vector_alloc(p);
  gsl_matrix *cov = gsl_matrix_alloc(p, p);
  gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc(n, p);
  int status = GSL_ENOMEM;
  if (X && Y && B && cov && work) {
    for (size_t i = 0; i < n; i++) {
      for (size_t j = 0; j < p; j++) gsl_matrix_set(X, i, j, x[i * p + j]);
      gsl_vector_set(Y, i, y[i]);
    }
    double chisq = 0;
    status = gsl_multifit_linear_tsvd(X, Y, tolerance, B, cov, &chisq, rank, work);
    if (status == GSL_SUCCESS) for (size_t j = 0; j < p; j++) beta[j] = gsl_vector_get(B, j);
  }
  if (work) gsl_multifit_linear_free(work);
  if (cov) gsl_matrix_free(cov);
  if (B) gsl_vector_free(B);
  if (Y) gsl_vector_free(Y);
  if (X) gsl_matrix_free(X);
  return status;
}

const char *tempctl_gsl_strerror(int status) { return gsl_strerror(status); }
