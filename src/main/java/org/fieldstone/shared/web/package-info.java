/**
 * What every module's dashboard pages share: how a submitted form's text is read and compared
 * ({@link org.fieldstone.shared.web.FormText}), and how a stored phone number reads
 * ({@link org.fieldstone.shared.web.PhoneText}).
 */
package org.fieldstone.shared.web;
