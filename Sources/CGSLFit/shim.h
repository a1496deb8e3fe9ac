#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
