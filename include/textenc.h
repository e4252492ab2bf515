/*
 * textenc.h — text as spreadsheets save it, made UTF-8: UTF-16 (with its
 * byte-order mark, or recognised by its zero bytes) and Windows-1252 (what
 * LibreOffice and Excel write by default for "CSV" in a Dutch or English
 * locale). UTF-8 passes unchanged.
 */
#ifndef PT_TEXTENC_H
#define PT_TEXTENC_H

#include <stddef.h>

#include "util.h"

enum pt_textenc { PT_ENC_UTF8, PT_ENC_UTF16LE, PT_ENC_UTF16BE, PT_ENC_CP1252 };

/* Decides what data[0..len) is. UTF-8 when it starts with a UTF-8
 * byte-order mark, when it is valid UTF-8, or when it holds a valid
 * multi-byte UTF-8 sequence before its first invalid byte (then it is
 * broken UTF-8, not Windows-1252); UTF-16 by its byte-order mark or when
 * most of its first code units have a zero high byte; Windows-1252 when it
 * is neither and holds no NUL byte. */
enum pt_textenc pt_textenc_detect(const char *data, size_t len);

/* Converts data[0..len) from enc to UTF-8 into out (a byte-order mark is
 * dropped). Returns 0, or -1 with *bad_line (1-based) and a Dutch reason
 * in why: a byte that Windows-1252 leaves undefined, or a broken UTF-16
 * surrogate pair or odd length. */
int pt_textenc_to_utf8(const char *data, size_t len, enum pt_textenc enc, struct pt_buf *out,
                       size_t *bad_line, char *why, size_t whysize);

const char *pt_textenc_name(enum pt_textenc enc);

#endif
