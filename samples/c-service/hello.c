/* c-service: prints a greeting and the first ten primes, then exits. */
#include <stdio.h>

static int is_prime(int n) {
    if (n < 2)
        return 0;
    for (int d = 2; d * d <= n; ++d)
        if (n % d == 0)
            return 0;
    return 1;
}

int main(void) {
    printf("hello from c-service\n");
    printf("first ten primes:");
    for (int n = 2, found = 0; found < 10; ++n)
        if (is_prime(n)) {
            printf(" %d", n);
            ++found;
        }
    printf("\n");
    return 0;
}
