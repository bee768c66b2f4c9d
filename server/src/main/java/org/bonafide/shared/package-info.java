/**
 * Value types shared by every module (the error catalogue and its exception, tenant ids) and
 * stateless helpers (EXIF orientation, embedding bytes, CSV lines). No beans live here.
 */
package org.bonafide.shared;
