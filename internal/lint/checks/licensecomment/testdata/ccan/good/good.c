/* Licensed under BSD-MIT - see LICENSE file for details */
#include "good.h"
