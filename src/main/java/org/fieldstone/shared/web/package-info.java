/**
 * What every module's dashboard pages share: how a submitted form's text is read and compared
 * ({@link org.fieldstone.shared.web.FormText}).
 */
package org.fieldstone.shared.web;
