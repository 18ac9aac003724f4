/*
 * tvec._text: compiled passes of the text normaliser (tvec/normalise.py), for its hottest step.
 *
 * squeeze(text) gives exactly what normalise_text's two regular-expression passes give:
 *
 *     _SPACE_RUN.sub(_squeezed_spaces, _LETTER_RUN.sub(r"\1", text))
 *     _LETTER_RUN = ([^\W\d_])\1+        a run of one letter becomes that letter
 *     _SPACE_RUN  = ^ +| +$| {2,}         spaces at the start and end go, runs inside become one
 *
 * in one pass over the characters, without the regex engine trying a match at every position
 * or a Python call per run of spaces. "Letter" is what re's Unicode classes make of
 * [^\W\d_]: alphanumeric (Py_UNICODE_ISALNUM), not a decimal digit (Py_UNICODE_ISDECIMAL), not
 * "_" - the same macros _sre uses. `$` also matches just before a newline that ends the text,
 * so a run of spaces there becomes one space (it is not at the end, so it is not dropped).
 * tests/test_normalise_text.py compares it with the regular expressions on generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static inline int is_letter(Py_UCS4 ch) { return ch != '_' && Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch); }

static PyObject *squeeze(PyObject *module, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "squeeze() needs a str, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_UCS4 *out = PyMem_Malloc((size_t)(n > 0 ? n : 1) * sizeof(Py_UCS4));
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t i = 0, m = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == ' ') {
            Py_ssize_t j = i + 1;
            while (j < n && PyUnicode_READ(kind, data, j) == ' ') j++;
            /* "^ +", or " +$" at the very end: dropped. Inside, a run becomes one space: " {2,}",
               " +$" before the final newline, or a single space that nothing matches. */
            if (i != 0 && j != n) out[m++] = ' ';
            i = j;
        } else if (is_letter(ch)) {
            Py_ssize_t j = i + 1;
            while (j < n && PyUnicode_READ(kind, data, j) == ch) j++;
            out[m++] = ch;
            i = j;
        } else {
            out[m++] = ch;
            i++;
        }
    }
    PyObject *result;
    if (m == n) {
        result = Py_NewRef(arg); /* nothing squeezed: the same string, as re.sub returns */
    } else {
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, m);
    }
    PyMem_Free(out);
    return result;
}

static PyMethodDef methods[] = {
    {"squeeze", squeeze, METH_O,
     "squeeze(text) -> str: collapse runs of one letter and of spaces, drop spaces at the ends "
     "(normalise_text's squeeze step)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "tvec._text", "Compiled passes of tvec's text normaliser.", -1, methods,
};

PyMODINIT_FUNC PyInit__text(void) { return PyModule_Create(&module_def); }
