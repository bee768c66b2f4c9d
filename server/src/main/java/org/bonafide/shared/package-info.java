/** Value types shared by every module: the error catalogue and its exception. No beans live here. */
package org.bonafide.shared;
