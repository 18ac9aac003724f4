/*
 * tvec.model._features: the compiled cold path of the linear model's featuriser.
 *
 * On a stream of new documents most of the featuriser's time goes to words and word pairs it
 * has not seen yet: each needs ~20 character n-grams built as Python strings, encoded and hashed
 * (unigram and n-grams), or one "b:a b" string per pair. These functions compute the same
 * feature indices from the words' UTF-8 bytes without creating a Python object per feature.
 * The Python code in tvec/model/linear.py (HashingFeaturiser with use_kernel=False) is the
 * reference; tests/test_features_kernel.py checks they agree index for index, on ASCII and
 * non-ASCII words, long words and every n-gram range.
 *
 * Definitions (docs: tvec/model/linear.py):
 *   unigram   xxh64("w:" + word)                                   & mask
 *   n-gram    xxh64("c:" + padded[i:i+n]), padded = " " + word[:max_chars] + " ",
 *             n = char_min..char_max, i = 0..len(padded)-n (code points, not bytes)  & mask
 *   bigram    xxh64("b:" + a + " " + b)                             & mask
 * all hashed over UTF-8 with the given seed; a word that cannot be encoded (a lone surrogate)
 * raises UnicodeEncodeError, as str.encode does in the reference.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "_xxh64.h"

#define MAX_CHAR_N 8 /* FeatureConfig caps char_max at 8 */

/* A growable byte buffer for the strings being hashed ("w:" + a long word, "b:" + a pair). */
typedef struct {
    uint8_t *data;
    size_t cap;
} Scratch;

static int scratch_reserve(Scratch *s, size_t size) {
    if (size <= s->cap) return 0;
    size_t cap = s->cap ? s->cap : 256;
    while (cap < size) cap *= 2;
    uint8_t *grown = realloc(s->data, cap);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    s->data = grown;
    s->cap = cap;
    return 0;
}

static inline int is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

static int parse_common(PyObject *seed_obj, PyObject *mask_obj, uint64_t *seed, uint64_t *mask) {
    *seed = PyLong_AsUnsignedLongLong(seed_obj);
    if (*seed == (uint64_t)-1 && PyErr_Occurred()) return -1;
    *mask = PyLong_AsUnsignedLongLong(mask_obj);
    if (*mask == (uint64_t)-1 && PyErr_Occurred()) return -1;
    if (*mask > 0x7FFFFFFFULL) {
        PyErr_SetString(PyExc_ValueError, "mask must fit in 31 bits (indices are int32)");
        return -1;
    }
    return 0;
}

/* The indices of one word, appended to out[*n...]; out has room for 1 + the n-gram count. */
static int word_into(const uint8_t *word, Py_ssize_t size, uint64_t seed, uint64_t mask, int char_min, int char_max,
                     Py_ssize_t max_chars, Scratch *scratch, int32_t *out, Py_ssize_t *n) {
    if (scratch_reserve(scratch, (size_t)size + 2) < 0) return -1;
    scratch->data[0] = 'w';
    scratch->data[1] = ':';
    memcpy(scratch->data + 2, word, (size_t)size);
    out[(*n)++] = (int32_t)(xxh64(scratch->data, (size_t)size + 2, seed) & mask);

    /* padded = " " + word[:max_chars] + " ", with the byte offset where each code point starts */
    Py_ssize_t cut = 0, chars = 0;
    while (cut < size && chars < max_chars) {
        cut++;
        while (cut < size && is_continuation(word[cut])) cut++;
        chars++;
    }
    Py_ssize_t padded_chars = chars + 2;
    size_t padded_bytes = (size_t)cut + 2;
    if (scratch_reserve(scratch, padded_bytes + 2 + sizeof(Py_ssize_t) + (size_t)(padded_chars + 1) * sizeof(Py_ssize_t)) < 0)
        return -1;
    uint8_t *gram = scratch->data; /* "c:" + padded */
    gram[0] = 'c';
    gram[1] = ':';
    uint8_t *padded = gram + 2;
    padded[0] = ' ';
    memcpy(padded + 1, word, (size_t)cut);
    padded[cut + 1] = ' ';
    Py_ssize_t *starts = (Py_ssize_t *)(scratch->data + ((padded_bytes + 2 + sizeof(Py_ssize_t) - 1) /
                                                          sizeof(Py_ssize_t) * sizeof(Py_ssize_t)));
    Py_ssize_t k = 0;
    for (Py_ssize_t b = 0; b < (Py_ssize_t)padded_bytes; b++)
        if (!is_continuation(padded[b])) starts[k++] = b;
    starts[k] = (Py_ssize_t)padded_bytes; /* k == padded_chars */

    uint8_t buffer[2 + 4 * MAX_CHAR_N];
    buffer[0] = 'c';
    buffer[1] = ':';
    for (int len = char_min; len <= char_max; len++) {
        for (Py_ssize_t i = 0; i + len <= padded_chars; i++) {
            size_t bytes = (size_t)(starts[i + len] - starts[i]);
            memcpy(buffer + 2, padded + starts[i], bytes);
            out[(*n)++] = (int32_t)(xxh64(buffer, bytes + 2, seed) & mask);
        }
    }
    return 0;
}

static Py_ssize_t grams_of(Py_ssize_t chars, int char_min, int char_max) {
    Py_ssize_t padded = chars + 2, total = 0;
    for (int len = char_min; len <= char_max; len++)
        if (padded >= len) total += padded - len + 1;
    return total;
}

PyDoc_STRVAR(word_indices_doc,
             "word_indices(words, seed, mask, char_min, char_max, max_chars) -> (indices, lengths)\n\n"
             "The unigram and character n-gram indices of each word, concatenated: ``indices`` is\n"
             "int32 bytes, ``lengths`` int64 bytes (how many indices each word has).");

static PyObject *word_indices(PyObject *module, PyObject *args) {
    PyObject *words, *seed_obj, *mask_obj;
    int char_min, char_max;
    Py_ssize_t max_chars;
    if (!PyArg_ParseTuple(args, "O!OOiin", &PyList_Type, &words, &seed_obj, &mask_obj, &char_min, &char_max,
                          &max_chars))
        return NULL;
    uint64_t seed, mask;
    if (parse_common(seed_obj, mask_obj, &seed, &mask) < 0) return NULL;
    if (char_min < 1 || char_max < char_min || char_max > MAX_CHAR_N || max_chars < 0) {
        PyErr_SetString(PyExc_ValueError, "invalid character n-gram range or max_chars");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(words);
    /* first pass: how many indices (the list may not change under us: no Python code runs) */
    Py_ssize_t total = 0;
    for (Py_ssize_t w = 0; w < count; w++) {
        PyObject *word = PyList_GET_ITEM(words, w);
        if (!PyUnicode_Check(word)) {
            PyErr_Format(PyExc_TypeError, "word %zd is %.100s, not str", w, Py_TYPE(word)->tp_name);
            return NULL;
        }
        Py_ssize_t chars = PyUnicode_GET_LENGTH(word);
        total += 1 + grams_of(chars < max_chars ? chars : max_chars, char_min, char_max);
    }
    PyObject *indices = PyBytes_FromStringAndSize(NULL, total * (Py_ssize_t)sizeof(int32_t));
    PyObject *lengths = PyBytes_FromStringAndSize(NULL, count * (Py_ssize_t)sizeof(int64_t));
    if (indices == NULL || lengths == NULL) goto fail;
    int32_t *out = (int32_t *)PyBytes_AS_STRING(indices);
    int64_t *per_word = (int64_t *)PyBytes_AS_STRING(lengths);
    Scratch scratch = {NULL, 0};
    Py_ssize_t n = 0;
    for (Py_ssize_t w = 0; w < count; w++) {
        Py_ssize_t size, before = n;
        const char *utf8 = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(words, w), &size);
        if (utf8 == NULL ||
            word_into((const uint8_t *)utf8, size, seed, mask, char_min, char_max, max_chars, &scratch, out, &n) < 0) {
            free(scratch.data);
            goto fail;
        }
        per_word[w] = n - before;
    }
    free(scratch.data);
    if (n != total) {
        PyErr_SetString(PyExc_RuntimeError, "word_indices: index count mismatch");
        goto fail;
    }
    return Py_BuildValue("(NN)", indices, lengths);
fail:
    Py_XDECREF(indices);
    Py_XDECREF(lengths);
    return NULL;
}

PyDoc_STRVAR(bigram_indices_doc,
             "bigram_indices(texts, seed, mask) -> (indices, counts)\n\n"
             "The word-pair indices of each text (a list of lists of words), concatenated:\n"
             "``indices`` is int64 bytes, ``counts`` int64 bytes (pairs per text).");

static PyObject *bigram_indices(PyObject *module, PyObject *args) {
    PyObject *texts, *seed_obj, *mask_obj;
    if (!PyArg_ParseTuple(args, "O!OO", &PyList_Type, &texts, &seed_obj, &mask_obj)) return NULL;
    uint64_t seed, mask;
    if (parse_common(seed_obj, mask_obj, &seed, &mask) < 0) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts), total = 0;
    for (Py_ssize_t t = 0; t < count; t++) {
        PyObject *words = PyList_GET_ITEM(texts, t);
        if (!PyList_Check(words)) {
            PyErr_Format(PyExc_TypeError, "text %zd is %.100s, not a list of words", t, Py_TYPE(words)->tp_name);
            return NULL;
        }
        Py_ssize_t size = PyList_GET_SIZE(words);
        if (size > 1) total += size - 1;
    }
    PyObject *indices = PyBytes_FromStringAndSize(NULL, total * (Py_ssize_t)sizeof(int64_t));
    PyObject *counts = PyBytes_FromStringAndSize(NULL, count * (Py_ssize_t)sizeof(int64_t));
    if (indices == NULL || counts == NULL) goto fail;
    int64_t *out = (int64_t *)PyBytes_AS_STRING(indices);
    int64_t *per_text = (int64_t *)PyBytes_AS_STRING(counts);
    Scratch scratch = {NULL, 0};
    Py_ssize_t n = 0;
    for (Py_ssize_t t = 0; t < count; t++) {
        PyObject *words = PyList_GET_ITEM(texts, t);
        Py_ssize_t size = PyList_GET_SIZE(words);
        per_text[t] = size > 1 ? size - 1 : 0;
        const char *previous = NULL;
        Py_ssize_t previous_size = 0;
        for (Py_ssize_t w = 0; w < size; w++) {
            PyObject *word = PyList_GET_ITEM(words, w);
            if (!PyUnicode_Check(word)) {
                PyErr_Format(PyExc_TypeError, "text %zd word %zd is %.100s, not str", t, w, Py_TYPE(word)->tp_name);
                goto fail_scratch;
            }
            Py_ssize_t word_size;
            const char *utf8 = PyUnicode_AsUTF8AndSize(word, &word_size);
            if (utf8 == NULL) goto fail_scratch;
            if (previous != NULL) {
                size_t length = 2 + (size_t)previous_size + 1 + (size_t)word_size;
                if (scratch_reserve(&scratch, length) < 0) goto fail_scratch;
                uint8_t *p = scratch.data;
                p[0] = 'b';
                p[1] = ':';
                memcpy(p + 2, previous, (size_t)previous_size);
                p[2 + previous_size] = ' ';
                memcpy(p + 3 + previous_size, utf8, (size_t)word_size);
                out[n++] = (int64_t)(xxh64(p, length, seed) & mask);
            }
            previous = utf8; /* owned by the str, which the list keeps alive */
            previous_size = word_size;
        }
    }
    free(scratch.data);
    return Py_BuildValue("(NN)", indices, counts);
fail_scratch:
    free(scratch.data);
fail:
    Py_XDECREF(indices);
    Py_XDECREF(counts);
    return NULL;
}


/* ---- weight sums: the float64 arithmetic of LinearModel, in the same order as numpy's ---- */

/* A numpy array (or any buffer) as a C-contiguous ndim-d array of itemsize-byte items whose
   struct format code is one of kinds ("d" float64, "f" float32, "il" int32, "lq" int64: the
   item size decides, as 'l' is 4 bytes on Windows and 8 on Linux). */
static int get_array(PyObject *obj, const char *name, int ndim, Py_ssize_t itemsize, const char *kinds,
                     int writable, Py_buffer *view) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "%s: expected a %sC-contiguous array", name, writable ? "writable " : "");
        view->obj = NULL;
        return -1;
    }
    const char *format = view->format ? view->format : "B";
    char code = format[strlen(format) - 1];
    if (view->ndim != ndim || view->itemsize != itemsize || strchr(kinds, code) == NULL ||
        (format[0] != code && format[0] != '<' && format[0] != '=' && format[0] != '@')) {
        PyErr_Format(PyExc_ValueError, "%s: expected a %d-d array of '%s' (%zd-byte items), got %d-d '%s'", name,
                     ndim, kinds, itemsize, view->ndim, format);
        PyBuffer_Release(view);
        view->obj = NULL;
        return -1;
    }
    return 0;
}

static void release(Py_buffer *view) {
    if (view->obj != NULL) PyBuffer_Release(view);
}

#define PREFETCH_AHEAD 8

/* numpy's pairwise_sum (numpy/_core/src/umath/loops_utils.h.src), which np.add.reduceat uses
   for each output element after copying the segment's first item: fewer than 8 terms in order,
   up to 128 in 8 interleaved partial sums, more split in two (at a multiple of 8). Summing in
   order instead differs in the last bits once a word has 9 or more features (almost every
   word) unless the weights happen to add exactly (float16-representable ones usually do). */
#define PAIRWISE_BLOCK 128

static double pairwise_column(const float *weights, Py_ssize_t categories, Py_ssize_t column,
                              const int32_t *indices, Py_ssize_t n) {
#define TERM(i) ((double)weights[(Py_ssize_t)indices[i] * categories + column])
    if (n < 8) {
        double res = -0.0; /* numpy's: the sum of -0.0 terms stays -0.0 */
        for (Py_ssize_t i = 0; i < n; i++) res += TERM(i);
        return res;
    }
    if (n <= PAIRWISE_BLOCK) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = TERM(j);
        Py_ssize_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++) r[j] += TERM(i + j);
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += TERM(i);
        return res;
    }
#undef TERM
    Py_ssize_t half = n / 2;
    half -= half % 8;
    return pairwise_column(weights, categories, column, indices, half) +
           pairwise_column(weights, categories, column, indices + half, n - half);
}

PyDoc_STRVAR(word_sums_doc,
             "word_sums(indices, lengths, weights, out) -> None\n\n"
             "Row w of ``out`` (float64, words x categories) = the sum of the float32 ``weights``\n"
             "rows of word w's feature ``indices`` (int32, concatenated; ``lengths`` int64), bit for\n"
             "bit what np.add.reduceat(weights[indices].astype(float64), starts, axis=0) gives: the\n"
             "first row plus numpy's pairwise sum of the others, column by column.");

static PyObject *word_sums(PyObject *module, PyObject *args) {
    Py_buffer idx = {0}, len = {0}, w = {0}, out = {0};
    PyObject *result = NULL, *idx_o, *len_o, *w_o, *out_o;
    if (!PyArg_ParseTuple(args, "OOOO", &idx_o, &len_o, &w_o, &out_o)) return NULL;
    if (get_array(idx_o, "indices", 1, 4, "il", 0, &idx) < 0 || get_array(len_o, "lengths", 1, 8, "lq", 0, &len) < 0 ||
        get_array(w_o, "weights", 2, 4, "f", 0, &w) < 0 || get_array(out_o, "out", 2, 8, "d", 1, &out) < 0)
        goto done;
    Py_ssize_t words = len.shape[0], categories = w.shape[1], rows = w.shape[0], total = idx.shape[0];
    if (out.shape[0] != words || out.shape[1] != categories) {
        PyErr_SetString(PyExc_ValueError, "out must be words x categories");
        goto done;
    }
    const int32_t *indices = idx.buf;
    const int64_t *lengths = len.buf;
    const float *weights = w.buf;
    double *sums = out.buf;
    Py_ssize_t k = 0;
    for (Py_ssize_t word = 0; word < words; word++) {
        int64_t n = lengths[word];
        if (n < 1 || k + n > total) {
            PyErr_SetString(PyExc_ValueError, "lengths do not match indices");
            goto done;
        }
        double *row = sums + word * categories;
        const int32_t *segment = indices + k;
        for (int64_t j = 0; j < n; j++, k++) { /* check the rows, fetching them ahead */
            if (k + PREFETCH_AHEAD < total) {
                int32_t ahead = indices[k + PREFETCH_AHEAD];
                if (ahead >= 0 && ahead < rows) __builtin_prefetch(weights + (Py_ssize_t)ahead * categories);
            }
            int32_t r = indices[k];
            if (r < 0 || r >= rows) {
                PyErr_SetString(PyExc_IndexError, "feature index outside the weights");
                goto done;
            }
        }
        const float *first = weights + (Py_ssize_t)segment[0] * categories;
        for (Py_ssize_t c = 0; c < categories; c++) {
            double value = (double)first[c];
            if (n > 1) value += pairwise_column(weights, categories, c, segment + 1, (Py_ssize_t)(n - 1));
            row[c] = value;
        }
    }
    result = Py_NewRef(Py_None);
done:
    release(&idx);
    release(&len);
    release(&w);
    release(&out);
    return result;
}

PyDoc_STRVAR(raw_scores_doc,
             "raw_scores(rows, words_per_text, sums, counts, bigrams, bigrams_per_text, weights, bias)\n"
             "-> bytearray (float64, texts x categories; writable, as numpy's result is)\n\n"
             "LinearModel.decision_function_normalised's arithmetic, operation for operation: per\n"
             "text and category, the word rows' sums added in order from 0.0, plus the bigram\n"
             "weights added in order from 0.0; times the feature value float32(1/sqrt(max(n, 1)))\n"
             "(n = the words' feature counts summed in order, plus the bigram count); plus the bias.");

static PyObject *raw_scores(PyObject *module, PyObject *args) {
    Py_buffer rows_b = {0}, wpt_b = {0}, sums_b = {0}, counts_b = {0}, big_b = {0}, bpt_b = {0}, w_b = {0},
              bias_b = {0};
    PyObject *result = NULL, *o[8];
    if (!PyArg_ParseTuple(args, "OOOOOOOO", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7])) return NULL;
    if (get_array(o[0], "rows", 1, 8, "lq", 0, &rows_b) < 0 || get_array(o[1], "words_per_text", 1, 8, "lq", 0, &wpt_b) < 0 ||
        get_array(o[2], "sums", 2, 8, "d", 0, &sums_b) < 0 || get_array(o[3], "counts", 1, 8, "d", 0, &counts_b) < 0 ||
        get_array(o[4], "bigrams", 1, 8, "lq", 0, &big_b) < 0 ||
        get_array(o[5], "bigrams_per_text", 1, 8, "lq", 0, &bpt_b) < 0 ||
        get_array(o[6], "weights", 2, 4, "f", 0, &w_b) < 0 || get_array(o[7], "bias", 1, 8, "d", 0, &bias_b) < 0)
        goto done;
    Py_ssize_t texts = wpt_b.shape[0], categories = w_b.shape[1], weight_rows = w_b.shape[0];
    /* sums and counts may differ in length: a reader can catch the word table between growing
       one and the other (linear.py's _WordTable.add), and every row it was handed is in both */
    Py_ssize_t table_rows = sums_b.shape[0] < counts_b.shape[0] ? sums_b.shape[0] : counts_b.shape[0];
    if (bpt_b.shape[0] != texts || sums_b.shape[1] != categories || bias_b.shape[0] != categories) {
        PyErr_SetString(PyExc_ValueError, "raw_scores: inconsistent shapes");
        goto done;
    }
    result = PyByteArray_FromStringAndSize(NULL, texts * categories * (Py_ssize_t)sizeof(double));
    if (result == NULL) goto done;
    double *z = (double *)PyByteArray_AS_STRING(result);
    const int64_t *rows = rows_b.buf, *wpt = wpt_b.buf, *bigrams = big_b.buf, *bpt = bpt_b.buf;
    const double *sums = sums_b.buf, *counts = counts_b.buf, *bias = bias_b.buf;
    const float *weights = w_b.buf;
    Py_ssize_t n_rows = rows_b.shape[0], n_bigrams = big_b.shape[0];
    double *bigram_total = PyMem_Calloc((size_t)(categories > 0 ? categories : 1), sizeof(double));
    if (bigram_total == NULL) {
        Py_CLEAR(result);
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t r = 0, b = 0;
    for (Py_ssize_t t = 0; t < texts; t++) {
        double *out = z + t * categories;
        double features = 0.0;
        for (Py_ssize_t c = 0; c < categories; c++) out[c] = 0.0;
        if (wpt[t] < 0 || r + wpt[t] > n_rows || bpt[t] < 0 || b + bpt[t] > n_bigrams) goto bad_lengths;
        for (int64_t k = 0; k < wpt[t]; k++, r++) {
            int64_t row = rows[r];
            if (row < 0 || row >= table_rows) goto bad_index;
            const double *src = sums + row * categories;
            for (Py_ssize_t c = 0; c < categories; c++) out[c] += src[c];
            features += counts[row];
        }
        for (Py_ssize_t c = 0; c < categories; c++) bigram_total[c] = 0.0;
        for (int64_t k = 0; k < bpt[t]; k++, b++) {
            if (b + PREFETCH_AHEAD < n_bigrams) {
                int64_t ahead = bigrams[b + PREFETCH_AHEAD];
                if (ahead >= 0 && ahead < weight_rows) __builtin_prefetch(weights + ahead * categories);
            }
            int64_t index = bigrams[b];
            if (index < 0 || index >= weight_rows) goto bad_index;
            const float *src = weights + index * categories;
            for (Py_ssize_t c = 0; c < categories; c++) bigram_total[c] += (double)src[c];
        }
        features += (double)bpt[t];
        double value = (double)(float)(1.0 / sqrt(features > 1.0 ? features : 1.0));
        for (Py_ssize_t c = 0; c < categories; c++) {
            double total = out[c] + bigram_total[c];
            double scaled = total * value;
            out[c] = scaled + bias[c];
        }
    }
    PyMem_Free(bigram_total);
    goto done;
bad_lengths:
    PyErr_SetString(PyExc_ValueError, "raw_scores: per-text counts do not match the rows or bigrams");
    goto fail;
bad_index:
    PyErr_SetString(PyExc_IndexError, "raw_scores: row or bigram index out of range");
fail:
    PyMem_Free(bigram_total);
    Py_CLEAR(result);
done:
    release(&rows_b);
    release(&wpt_b);
    release(&sums_b);
    release(&counts_b);
    release(&big_b);
    release(&bpt_b);
    release(&w_b);
    release(&bias_b);
    return result;
}

static PyObject *features_xxh64(PyObject *module, PyObject *args) {
    Py_buffer data;
    unsigned long long seed = 0;
    if (!PyArg_ParseTuple(args, "y*|K", &data, &seed)) return NULL;
    uint64_t h = xxh64((const uint8_t *)data.buf, (size_t)data.len, seed);
    PyBuffer_Release(&data);
    return PyLong_FromUnsignedLongLong(h);
}

static PyMethodDef methods[] = {
    {"word_indices", word_indices, METH_VARARGS, word_indices_doc},
    {"bigram_indices", bigram_indices, METH_VARARGS, bigram_indices_doc},
    {"word_sums", word_sums, METH_VARARGS, word_sums_doc},
    {"raw_scores", raw_scores, METH_VARARGS, raw_scores_doc},
    {"xxh64", features_xxh64, METH_VARARGS, "xxh64(data, seed=0) -> int"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "tvec.model._features", "Compiled feature hashing for tvec's linear model.", -1, methods,
};

PyMODINIT_FUNC PyInit__features(void) { return PyModule_Create(&module_def); }
