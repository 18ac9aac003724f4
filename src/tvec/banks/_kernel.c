/*
 * tvec.banks._kernel: the compiled hot path of bank matching.
 *
 * One call does what a lookup needs: split the passage key into words, hash the words
 * (XXH64), combine them into word-shingle hashes, take 128 min-hashes, fold them into LSH band
 * hashes, probe every segment's band tables and verify the candidates against their stored
 * 16-bit signature values. Python's per-call overhead is paid once per lookup (or once per
 * batch), not once per step. The pure-numpy reference in tvec/banks/minhash.py and
 * tvec/banks/segments.py computes the same numbers; tests/test_bank_engine.py checks that they
 * agree bit for bit.
 *
 * Everything is little-endian unsigned arithmetic modulo 2^64, so results are the same on
 * every platform. See docs/bank-format.md (scheme tvec-minhash-v2) for the definitions.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PERM 1024
#define MAX_BANDS 256

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MULTIVERSION
#endif

#include "_xxh64.h"

/* ---- the scheme's own mixing steps ---- */

static const uint64_t GOLDEN = 0x9E3779B97F4A7C15ULL;

static inline uint64_t splitmix_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* one step of the order-sensitive fold used for shingles and bands */
static inline uint64_t fold(uint64_t state, uint64_t value) {
    state = (state ^ value) * GOLDEN;
    return state ^ (state >> 32);
}

static inline int is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* ---- growable buffers ---- */

typedef struct {
    uint64_t *data;
    Py_ssize_t len, cap;
} U64Vec;

static int u64_reserve(U64Vec *v, Py_ssize_t need) {
    if (need <= v->cap) return 0;
    Py_ssize_t cap = v->cap ? v->cap : 256;
    while (cap < need) cap *= 2;
    uint64_t *data = (uint64_t *)realloc(v->data, (size_t)cap * sizeof(uint64_t));
    if (!data) {
        PyErr_NoMemory();
        return -1;
    }
    v->data = data;
    v->cap = cap;
    return 0;
}

/* ---- the engine: scheme parameters ---- */

typedef struct {
    PyObject_HEAD
    int k;          /* words per shingle */
    int num_perm;   /* min-hash values */
    int bands, rows;
    uint16_t layout[MAX_BANDS * 8]; /* signature value of each band row (tvec.banks.lsh.band_layout) */
    uint64_t shingle_seed;
    uint64_t a[MAX_PERM], b[MAX_PERM];
    uint64_t band_salt[MAX_BANDS];
    /* scratch, reused between calls (an Engine is not shared between threads without the GIL) */
    U64Vec words, shingles, cands;
} EngineObject;

/* word hashes of a whitespace-separated key into self->words; returns the number of words */
static Py_ssize_t hash_words(EngineObject *self, const uint8_t *s, Py_ssize_t n) {
    self->words.len = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && is_space(s[i])) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && !is_space(s[i])) i++;
        if (u64_reserve(&self->words, self->words.len + 1) < 0) return -1;
        self->words.data[self->words.len++] = xxh64(s + start, (size_t)(i - start), 0);
    }
    return self->words.len;
}

/* shingle hashes (32-bit values in uint64) of the current words into self->shingles */
static int make_shingles(EngineObject *self) {
    Py_ssize_t nw = self->words.len, k = self->k;
    Py_ssize_t count = nw <= k ? 1 : nw - k + 1;
    if (u64_reserve(&self->shingles, count) < 0) return -1;
    const uint64_t *w = self->words.data;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t width = nw <= k ? nw : k;
        uint64_t state = self->shingle_seed;
        for (Py_ssize_t j = 0; j < width; j++) state = fold(state, w[i + j]);
        self->shingles.data[i] = splitmix_mix(state) & 0xFFFFFFFFULL;
    }
    self->shingles.len = count;
    return 0;
}

/* min over shingles of ((a_i * x + b_i) mod 2^64), then >> 32. Blocks of 16 permutations stay
   in registers while the shingles stream past. */
MULTIVERSION
static void minhash_block(const uint64_t *xs, Py_ssize_t n, const uint64_t *a, const uint64_t *b, uint32_t *out) {
    uint64_t m[16];
    for (int l = 0; l < 16; l++) m[l] = UINT64_MAX;
    for (Py_ssize_t s = 0; s < n; s++) {
        uint64_t x = xs[s];
        for (int l = 0; l < 16; l++) {
            uint64_t v = a[l] * x + b[l];
            m[l] = v < m[l] ? v : m[l];
        }
    }
    for (int l = 0; l < 16; l++) out[l] = (uint32_t)(m[l] >> 32);
}

static void minhash_tail(const uint64_t *xs, Py_ssize_t n, const uint64_t *a, const uint64_t *b, int count, uint32_t *out) {
    for (int l = 0; l < count; l++) {
        uint64_t m = UINT64_MAX;
        for (Py_ssize_t s = 0; s < n; s++) {
            uint64_t v = a[l] * xs[s] + b[l];
            m = v < m ? v : m;
        }
        out[l] = (uint32_t)(m >> 32);
    }
}

static void minhash(EngineObject *self, uint32_t *out) {
    int P = self->num_perm, i = 0;
    for (; i + 16 <= P; i += 16) minhash_block(self->shingles.data, self->shingles.len, self->a + i, self->b + i, out + i);
    if (i < P) minhash_tail(self->shingles.data, self->shingles.len, self->a + i, self->b + i, P - i, out + i);
}

static void band_hashes(EngineObject *self, const uint32_t *sig, uint32_t *out) {
    for (int j = 0; j < self->bands; j++) {
        uint64_t state = self->band_salt[j];
        for (int t = 0; t < self->rows; t++) state = fold(state, sig[self->layout[j * self->rows + t]]);
        out[j] = (uint32_t)(splitmix_mix(state) >> 32);
    }
}

/* sign one key (str or bytes) into out[num_perm] */
static int sign_object(EngineObject *self, PyObject *key, uint32_t *out) {
    const char *data;
    Py_ssize_t len;
    if (PyUnicode_Check(key)) {
        data = PyUnicode_AsUTF8AndSize(key, &len);
        if (!data) return -1;
    } else if (PyBytes_Check(key)) {
        data = PyBytes_AS_STRING(key);
        len = PyBytes_GET_SIZE(key);
    } else {
        PyErr_Format(PyExc_TypeError, "a passage key must be str or bytes, not %.100s", Py_TYPE(key)->tp_name);
        return -1;
    }
    if (hash_words(self, (const uint8_t *)data, len) < 0) return -1;
    if (make_shingles(self) < 0) return -1;
    minhash(self, out);
    return 0;
}

/* ---- segments: the immutable band tables and 16-bit signatures of one on-disk segment ---- */

typedef struct {
    PyObject_HEAD
    Py_buffer sig, band_hash, band_row, band_dir, tomb;
    int has_tomb;
    Py_ssize_t n;        /* passages */
    Py_ssize_t nb;       /* entries per band table (passages long enough for the LSH) */
    int bands, num_perm; /* shape */
    int dir_bits;
    Py_ssize_t dir_len;  /* 2^dir_bits + 1 */
} SegmentObject;

static void Segment_dealloc(SegmentObject *self) {
    if (self->sig.obj) PyBuffer_Release(&self->sig);
    if (self->band_hash.obj) PyBuffer_Release(&self->band_hash);
    if (self->band_row.obj) PyBuffer_Release(&self->band_row);
    if (self->band_dir.obj) PyBuffer_Release(&self->band_dir);
    if (self->tomb.obj) PyBuffer_Release(&self->tomb);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int get_contiguous(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != itemsize) {
        PyErr_Format(PyExc_ValueError, "%s: items of %zd bytes expected, got %zd", what, itemsize, view->itemsize);
        PyBuffer_Release(view);
        view->obj = NULL;
        return -1;
    }
    return 0;
}

static int Segment_init(SegmentObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"sig", "band_hash", "band_row", "band_dir", "dir_bits", "tomb", "bands", "num_perm", NULL};
    PyObject *sig, *bh, *br, *bd, *tomb;
    int dir_bits, bands, num_perm;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOOOiOii", kwlist, &sig, &bh, &br, &bd, &dir_bits, &tomb, &bands, &num_perm))
        return -1;
    if (dir_bits < 0 || dir_bits > 30 || bands < 1 || bands > MAX_BANDS || num_perm < 1 || num_perm > MAX_PERM) {
        PyErr_SetString(PyExc_ValueError, "segment shape out of range");
        return -1;
    }
    if (get_contiguous(sig, &self->sig, 2, "sig") < 0) return -1;
    if (get_contiguous(bh, &self->band_hash, 4, "band_hash") < 0) return -1;
    if (get_contiguous(br, &self->band_row, 4, "band_row") < 0) return -1;
    if (get_contiguous(bd, &self->band_dir, 4, "band_dir") < 0) return -1;
    if (get_contiguous(tomb, &self->tomb, 1, "tomb") < 0) return -1;
    self->bands = bands;
    self->num_perm = num_perm;
    self->dir_bits = dir_bits;
    self->dir_len = ((Py_ssize_t)1 << dir_bits) + 1;
    self->n = self->sig.len / 2 / num_perm;
    self->nb = self->band_hash.len / 4 / bands;
    if (self->sig.len != self->n * num_perm * 2 || self->band_hash.len != (Py_ssize_t)4 * bands * self->nb ||
        self->band_row.len != (Py_ssize_t)4 * bands * self->nb || self->nb > self->n || self->band_dir.len != (Py_ssize_t)4 * bands * self->dir_len ||
        self->tomb.len * 8 < self->n) {
        PyErr_SetString(PyExc_ValueError, "segment arrays do not agree in size");
        return -1;
    }
    return 0;
}

static PyObject *Segment_len(SegmentObject *self, void *closure) { return PyLong_FromSsize_t(self->n); }

static PyGetSetDef Segment_getset[] = {{"passages", (getter)Segment_len, NULL, "passages in the segment", NULL}, {NULL}};

static PyTypeObject SegmentType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tvec.banks._kernel.Segment",
    .tp_basicsize = sizeof(SegmentObject),
    .tp_dealloc = (destructor)Segment_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Views of one segment's arrays (kept alive while the Segment lives).",
    .tp_init = (initproc)Segment_init,
    .tp_new = PyType_GenericNew,
    .tp_getset = Segment_getset,
};

/* ---- lookup ---- */

static int cmp_u64(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

MULTIVERSION
static int count_equal16(const uint16_t *x, const uint16_t *y, int n) {
    int c = 0;
    for (int i = 0; i < n; i++) c += x[i] == y[i];
    return c;
}

/* probe all segments for one signature; appends (segment, row, similarity) tuples to `out` */
static int lookup_one(EngineObject *self, const uint32_t *sig, PyObject *segments, int min_equal, PyObject *out) {
    uint32_t bh[MAX_BANDS];
    uint16_t q16[MAX_PERM];
    int P = self->num_perm, B = self->bands;
    band_hashes(self, sig, bh);
    for (int i = 0; i < P; i++) q16[i] = (uint16_t)(sig[i] & 0xFFFF);
    Py_ssize_t nseg = PyTuple_GET_SIZE(segments);
    for (Py_ssize_t si = 0; si < nseg; si++) {
        SegmentObject *seg = (SegmentObject *)PyTuple_GET_ITEM(segments, si);
        if (seg->nb == 0) continue;
        const uint32_t *hashes = (const uint32_t *)seg->band_hash.buf;
        const uint32_t *rowids = (const uint32_t *)seg->band_row.buf;
        const uint32_t *dir = (const uint32_t *)seg->band_dir.buf;
        const uint16_t *sigs = (const uint16_t *)seg->sig.buf;
        const uint8_t *tomb = (const uint8_t *)seg->tomb.buf;
        int shift = 32 - seg->dir_bits;
        self->cands.len = 0;
        for (int j = 0; j < B; j++) {
            uint32_t h = bh[j];
            uint64_t bucket = seg->dir_bits ? (uint64_t)(h >> shift) : 0;
            const uint32_t *d = dir + (Py_ssize_t)j * seg->dir_len;
            Py_ssize_t lo = d[bucket], hi = d[bucket + 1];
            const uint32_t *hh = hashes + (Py_ssize_t)j * seg->nb;
            const uint32_t *rr = rowids + (Py_ssize_t)j * seg->nb;
            for (Py_ssize_t t = lo; t < hi; t++) {
                if (hh[t] == h) {
                    if (u64_reserve(&self->cands, self->cands.len + 1) < 0) return -1;
                    self->cands.data[self->cands.len++] = rr[t];
                }
            }
        }
        Py_ssize_t nc = self->cands.len;
        if (nc == 0) continue;
        if (nc > 1) qsort(self->cands.data, (size_t)nc, sizeof(uint64_t), cmp_u64);
        uint64_t previous = UINT64_MAX;
        for (Py_ssize_t c = 0; c < nc; c++) {
            uint64_t row = self->cands.data[c];
            if (row == previous) continue;
            previous = row;
            if ((Py_ssize_t)row >= seg->n) continue;
            if (tomb[row >> 3] & (1u << (row & 7))) continue;
            int equal = count_equal16(q16, sigs + row * (uint64_t)P, P);
            if (equal >= min_equal) {
                PyObject *item = Py_BuildValue("(nKd)", si, (unsigned long long)row, (double)equal / P);
                if (!item) return -1;
                int rc = PyList_Append(out, item);
                Py_DECREF(item);
                if (rc < 0) return -1;
            }
        }
    }
    return 0;
}

static int check_segments(PyObject *segments, EngineObject *self) {
    if (!PyTuple_Check(segments)) {
        PyErr_SetString(PyExc_TypeError, "segments must be a tuple of Segment");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(segments); i++) {
        PyObject *s = PyTuple_GET_ITEM(segments, i);
        if (!PyObject_TypeCheck(s, &SegmentType)) {
            PyErr_SetString(PyExc_TypeError, "segments must be a tuple of Segment");
            return -1;
        }
        SegmentObject *seg = (SegmentObject *)s;
        if (seg->bands != self->bands || seg->num_perm != self->num_perm) {
            PyErr_SetString(PyExc_ValueError, "segment built for another scheme (bands or permutations differ)");
            return -1;
        }
    }
    return 0;
}

static int min_equal_for(EngineObject *self, double threshold) {
    /* similarity = equal / P >= threshold, with a small tolerance for the float division */
    double need = threshold * self->num_perm - 1e-9;
    int m = (int)need;
    if ((double)m < need) m++;
    return m < 0 ? 0 : m;
}

/* ---- Engine methods ---- */

static int Engine_init(EngineObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"k", "a", "b", "band_salts", "rows", "shingle_seed", "layout", NULL};
    int k, rows;
    Py_buffer a, b, salts, layout;
    unsigned long long shingle_seed;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "iy*y*y*iKy*", kwlist, &k, &a, &b, &salts, &rows, &shingle_seed, &layout))
        return -1;
    int ok = 0;
    Py_ssize_t P = a.len / 8, B = salts.len / 8;
    int layout_ok = rows >= 1 && rows <= 8 && layout.len == 2 * B * rows;
    for (Py_ssize_t i = 0; layout_ok && i < B * rows; i++) {
        uint16_t v;
        memcpy(&v, (const uint8_t *)layout.buf + 2 * i, 2);
        layout_ok = v < P;
    }
    if (k < 1 || !layout_ok || a.len != b.len || a.len % 8 || salts.len % 8 || P < 1 || P > MAX_PERM || B < 1 ||
        B > MAX_BANDS) {
        PyErr_SetString(PyExc_ValueError, "engine parameters out of range");
    } else {
        self->k = k;
        self->num_perm = (int)P;
        self->bands = (int)B;
        self->rows = rows;
        self->shingle_seed = shingle_seed;
        for (Py_ssize_t i = 0; i < P; i++) {
            self->a[i] = read64((const uint8_t *)a.buf + 8 * i);
            self->b[i] = read64((const uint8_t *)b.buf + 8 * i);
        }
        for (Py_ssize_t j = 0; j < B; j++) self->band_salt[j] = read64((const uint8_t *)salts.buf + 8 * j);
        for (Py_ssize_t i = 0; i < B * rows; i++) memcpy(&self->layout[i], (const uint8_t *)layout.buf + 2 * i, 2);
        ok = 1;
    }
    PyBuffer_Release(&layout);
    PyBuffer_Release(&a);
    PyBuffer_Release(&b);
    PyBuffer_Release(&salts);
    return ok ? 0 : -1;
}

static void Engine_dealloc(EngineObject *self) {
    free(self->words.data);
    free(self->shingles.data);
    free(self->cands.data);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int writable_u32(PyObject *obj, Py_buffer *view, Py_ssize_t items, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != 4 || view->len != items * 4) {
        PyErr_Format(PyExc_ValueError, "%s: a writable uint32 buffer of %zd items expected", what, items);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *Engine_sign(EngineObject *self, PyObject *args) {
    PyObject *keys, *outobj;
    if (!PyArg_ParseTuple(args, "OO", &keys, &outobj)) return NULL;
    PyObject *seq = PySequence_Fast(keys, "keys must be a sequence of str or bytes");
    if (!seq) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    Py_buffer out;
    if (writable_u32(outobj, &out, n * self->num_perm, "out") < 0) {
        Py_DECREF(seq);
        return NULL;
    }
    uint32_t *o = (uint32_t *)out.buf;
    int failed = 0;
    for (Py_ssize_t i = 0; i < n && !failed; i++)
        failed = sign_object(self, PySequence_Fast_GET_ITEM(seq, i), o + i * self->num_perm) < 0;
    PyBuffer_Release(&out);
    Py_DECREF(seq);
    if (failed) return NULL;
    Py_RETURN_NONE;
}

static PyObject *Engine_shingle_hashes(EngineObject *self, PyObject *key) {
    const char *data;
    Py_ssize_t len;
    if (PyUnicode_Check(key)) {
        data = PyUnicode_AsUTF8AndSize(key, &len);
        if (!data) return NULL;
    } else if (PyBytes_Check(key)) {
        data = PyBytes_AS_STRING(key);
        len = PyBytes_GET_SIZE(key);
    } else {
        PyErr_SetString(PyExc_TypeError, "a passage key must be str or bytes");
        return NULL;
    }
    if (hash_words(self, (const uint8_t *)data, len) < 0 || make_shingles(self) < 0) return NULL;
    return PyBytes_FromStringAndSize((const char *)self->shingles.data, self->shingles.len * 8);
}

static PyObject *Engine_band_hashes(EngineObject *self, PyObject *args) {
    PyObject *sigobj, *outobj;
    if (!PyArg_ParseTuple(args, "OO", &sigobj, &outobj)) return NULL;
    Py_buffer sig, out;
    if (get_contiguous(sigobj, &sig, 4, "signatures") < 0) return NULL;
    Py_ssize_t n = sig.len / 4 / self->num_perm;
    if (sig.len != n * 4 * self->num_perm) {
        PyBuffer_Release(&sig);
        PyErr_SetString(PyExc_ValueError, "signatures: shape (n, num_perm) expected");
        return NULL;
    }
    if (writable_u32(outobj, &out, n * self->bands, "out") < 0) {
        PyBuffer_Release(&sig);
        return NULL;
    }
    const uint32_t *s = (const uint32_t *)sig.buf;
    uint32_t *o = (uint32_t *)out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) band_hashes(self, s + i * self->num_perm, o + i * self->bands);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&sig);
    PyBuffer_Release(&out);
    Py_RETURN_NONE;
}

/* lookup(signatures (m, P) uint32, segments, threshold) -> list of m lists of (segment, row, similarity) */
static PyObject *Engine_lookup(EngineObject *self, PyObject *args) {
    PyObject *sigobj, *segments;
    double threshold;
    if (!PyArg_ParseTuple(args, "OOd", &sigobj, &segments, &threshold)) return NULL;
    if (check_segments(segments, self) < 0) return NULL;
    Py_buffer sig;
    if (get_contiguous(sigobj, &sig, 4, "signatures") < 0) return NULL;
    Py_ssize_t m = sig.len / 4 / self->num_perm;
    if (sig.len != m * 4 * self->num_perm) {
        PyBuffer_Release(&sig);
        PyErr_SetString(PyExc_ValueError, "signatures: shape (n, num_perm) expected");
        return NULL;
    }
    PyObject *result = PyList_New(m);
    if (!result) {
        PyBuffer_Release(&sig);
        return NULL;
    }
    int min_equal = min_equal_for(self, threshold);
    for (Py_ssize_t q = 0; q < m; q++) {
        PyObject *found = PyList_New(0);
        if (!found || lookup_one(self, (const uint32_t *)sig.buf + q * self->num_perm, segments, min_equal, found) < 0) {
            Py_XDECREF(found);
            Py_DECREF(result);
            PyBuffer_Release(&sig);
            return NULL;
        }
        PyList_SET_ITEM(result, q, found);
    }
    PyBuffer_Release(&sig);
    return result;
}

/* lookup_key(key, segments, threshold) -> list of (segment, row, similarity): the whole hot path */
static PyObject *Engine_lookup_key(EngineObject *self, PyObject *args) {
    PyObject *key, *segments;
    double threshold;
    if (!PyArg_ParseTuple(args, "OOd", &key, &segments, &threshold)) return NULL;
    if (check_segments(segments, self) < 0) return NULL;
    uint32_t sig[MAX_PERM];
    if (sign_object(self, key, sig) < 0) return NULL;
    PyObject *found = PyList_New(0);
    if (!found) return NULL;
    if (lookup_one(self, sig, segments, min_equal_for(self, threshold), found) < 0) {
        Py_DECREF(found);
        return NULL;
    }
    return found;
}

/* lookup_keys(keys, segments, threshold) -> list of lists: many lookups in one call */
static PyObject *Engine_lookup_keys(EngineObject *self, PyObject *args) {
    PyObject *keys, *segments;
    double threshold;
    if (!PyArg_ParseTuple(args, "OOd", &keys, &segments, &threshold)) return NULL;
    if (check_segments(segments, self) < 0) return NULL;
    PyObject *seq = PySequence_Fast(keys, "keys must be a sequence of str or bytes");
    if (!seq) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *result = PyList_New(n);
    if (!result) {
        Py_DECREF(seq);
        return NULL;
    }
    int min_equal = min_equal_for(self, threshold);
    uint32_t sig[MAX_PERM];
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *found = PyList_New(0);
        if (!found || sign_object(self, PySequence_Fast_GET_ITEM(seq, i), sig) < 0 ||
            lookup_one(self, sig, segments, min_equal, found) < 0) {
            Py_XDECREF(found);
            Py_DECREF(result);
            Py_DECREF(seq);
            return NULL;
        }
        PyList_SET_ITEM(result, i, found);
    }
    Py_DECREF(seq);
    return result;
}

static PyMethodDef Engine_methods[] = {
    {"sign", (PyCFunction)Engine_sign, METH_VARARGS, "sign(keys, out): min-hash signatures of passage keys into out (n, P) uint32"},
    {"shingle_hashes", (PyCFunction)Engine_shingle_hashes, METH_O, "shingle_hashes(key) -> bytes of uint64 (32-bit values)"},
    {"band_hashes", (PyCFunction)Engine_band_hashes, METH_VARARGS, "band_hashes(signatures, out): (n, bands) uint32"},
    {"lookup", (PyCFunction)Engine_lookup, METH_VARARGS, "lookup(signatures, segments, threshold) -> per query [(segment, row, similarity)]"},
    {"lookup_key", (PyCFunction)Engine_lookup_key, METH_VARARGS, "lookup_key(key, segments, threshold) -> [(segment, row, similarity)]"},
    {"lookup_keys", (PyCFunction)Engine_lookup_keys, METH_VARARGS, "lookup_keys(keys, segments, threshold) -> per key [(segment, row, similarity)]"},
    {NULL},
};

static PyTypeObject EngineType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tvec.banks._kernel.Engine",
    .tp_basicsize = sizeof(EngineObject),
    .tp_dealloc = (destructor)Engine_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The compiled signing and lookup of one MinHash/LSH scheme.",
    .tp_init = (initproc)Engine_init,
    .tp_new = PyType_GenericNew,
    .tp_methods = Engine_methods,
};

static PyObject *kernel_xxh64(PyObject *module, PyObject *args) {
    Py_buffer data;
    unsigned long long seed = 0;
    if (!PyArg_ParseTuple(args, "y*|K", &data, &seed)) return NULL;
    uint64_t h = xxh64((const uint8_t *)data.buf, (size_t)data.len, seed);
    PyBuffer_Release(&data);
    return PyLong_FromUnsignedLongLong(h);
}

static PyMethodDef module_methods[] = {
    {"xxh64", kernel_xxh64, METH_VARARGS, "xxh64(data, seed=0) -> int"},
    {NULL},
};

static struct PyModuleDef kernel_module = {PyModuleDef_HEAD_INIT, "tvec.banks._kernel", "Compiled bank matching.", -1, module_methods};

PyMODINIT_FUNC PyInit__kernel(void) {
    if (PyType_Ready(&EngineType) < 0 || PyType_Ready(&SegmentType) < 0) return NULL;
    PyObject *m = PyModule_Create(&kernel_module);
    if (!m) return NULL;
    Py_INCREF(&EngineType);
    Py_INCREF(&SegmentType);
    if (PyModule_AddObject(m, "Engine", (PyObject *)&EngineType) < 0 || PyModule_AddObject(m, "Segment", (PyObject *)&SegmentType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
