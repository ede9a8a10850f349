/**
 * What every module's dashboard pages share: how a submitted form's text is read and compared
 * ({@link org.fieldstone.shared.web.FormText}), how a stored phone number reads
 * ({@link org.fieldstone.shared.web.PhoneText}), and which notice a settings page shows after saving
 * ({@link org.fieldstone.shared.web.Notices}).
 */
package org.fieldstone.shared.web;
