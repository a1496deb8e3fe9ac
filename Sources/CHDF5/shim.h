// libhdf5 (Debian libhdf5-dev, found through pkg-config "hdf5"). Its predefined types and
// property lists are macros over globals that Swift cannot import; these inline functions hand
// them over.
#include <hdf5.h>

static inline hid_t tempctl_h5p_default(void) { return H5P_DEFAULT; }
static inline unsigned tempctl_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline hid_t tempctl_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t tempctl_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t tempctl_h5t_c_s1(void) { return H5T_C_S1; }
/// The native integer type of `bytes` bytes (1, 2, 4 or 8), signed or not; -1 otherwise.
static inline hid_t tempctl_h5t_native_integer(size_t bytes, int isSigned) {
  switch (bytes) {
  case 1: return isSigned ? H5T_NATIVE_INT8 : H5T_NATIVE_UINT8;
  case 2: return isSigned ? H5T_NATIVE_INT16 : H5T_NATIVE_UINT16;
  case 4: return isSigned ? H5T_NATIVE_INT32 : H5T_NATIVE_UINT32;
  case 8: return isSigned ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64;
  default: return -1;
  }
}
/// Silences libhdf5's printing of its error stack (tempctl reports one line of its own).
static inline void tempctl_h5_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
/// Frees the strings a variable-length read allocated (H5Treclaim from 1.12, H5Dvlen_reclaim before).
static inline herr_t tempctl_h5_reclaim(hid_t type, hid_t space, void *buffer) {
#if H5_VERSION_GE(1, 12, 0)
  return H5Treclaim(type, space, H5P_DEFAULT, buffer);
#else
  return H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
#endif
}
