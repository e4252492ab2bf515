/*
 * status.c — error messages (status.h): the error struct and errno in Dutch.
 */
#include "status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

int pt_error_set(struct pt_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return PT_FAILED;
}

const char *pt_errno_text(int errnum)
{
    switch (errnum) {
    case ENOENT: return "bestaat niet";
    case EACCES: case EPERM: return "geen toegang (rechten)";
    case EISDIR: return "is een map, geen bestand";
    case ENOTDIR: return "een deel van het pad is geen map";
    case ENOSPC: return "de schijf is vol";
    case EDQUOT: return "het schijfquotum is op";
    case EROFS: return "het bestandssysteem is alleen-lezen";
    case EEXIST: return "bestaat al";
    case ENAMETOOLONG: return "de naam is te lang";
    case ELOOP: return "te veel symbolische koppelingen";
    case EMFILE: case ENFILE: return "te veel open bestanden";
    case EIO: return "invoer-/uitvoerfout van de schijf";
    case EFBIG: return "het bestand wordt te groot";
    case ENOMEM: return "onvoldoende geheugen";
    case EPIPE: return "de ontvanger van de uitvoer is gestopt";
    case EBUSY: return "is in gebruik";
    case EINVAL: return "ongeldige waarde";
    case EXDEV: return "ligt op een ander bestandssysteem";
    default: return "systeemfout";
    }
}
